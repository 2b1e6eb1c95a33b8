# How much do the hyperparameters decide a study's outcome? Usage: python3 analyse.py SWEEP_DIR (the sweep's --to folder).
import json, struct, glob, os, sys, statistics
d = sys.argv[1]
rows = []
for o in sorted(glob.glob(d + '/*.outcome.json')):
    out = json.load(open(o))
    ck = o.replace('.outcome.json', '-e0000.safetensors')
    with open(ck, 'rb') as fh:
        n = struct.unpack('<Q', fh.read(8))[0]; m = json.loads(fh.read(n))['__metadata__']
    h = json.loads(m['aelle.hparams'])
    if out['final_val_loss'] is not None:
        rows.append((h['init_half_width'], out['final_val_loss']))
ls = sorted(l for _, l in rows); n = len(ls)
med = (ls[n//2-1] + ls[n//2]) / 2 if n % 2 == 0 else ls[n//2]
def rank(v):
    s = sorted(range(len(v)), key=lambda i: v[i]); r = [0]*len(v)
    for k, i in enumerate(s): r[i] = k
    return r
def pearson(a, b):
    ma, mb = statistics.mean(a), statistics.mean(b)
    return sum((x-ma)*(y-mb) for x, y in zip(a, b)) / (sum((x-ma)**2 for x in a) * sum((y-mb)**2 for y in b)) ** 0.5
ps = [p for p, _ in rows]; fl = [l for _, l in rows]
print(f"runs with a final loss: {n}; final loss min {ls[0]:.3f} median {med:.3f} max {ls[-1]:.3f}")
print(f"Spearman(p, final loss) = {pearson(rank(ps), rank(fl)):.2f}; Pearson = {pearson(ps, fl):.2f}")
conf = {}
for p, l in rows: conf.setdefault(round(p, 6), []).append(l < med)
mixed = sum(1 for v in conf.values() if len(v) > 1 and 0 < sum(v) < len(v))
print(f"configurations: {len(conf)}; with both classes among their seeds: {mixed}")
# best achievable accuracy of any single p threshold (the most an init-scale rule could do, in-sample)
best = 0
for t in sorted(set(ps)):
    for side in (1, -1):
        acc = sum(1 for p, l in rows if ((p - t) * side <= 0) == (l < med)) / n
        best = max(best, acc)
print(f"best in-sample accuracy of one threshold on p: {best:.2f}")
