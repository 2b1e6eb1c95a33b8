import optuna, torch, aelle, aelle.optuna, aelle.mnist
BOOTSTRAP, STUDY, MNIST, TRIALS, STARTUP, EPOCHS, N = "localhost:9092", "smnist-optuna", "../shared/data/mnist", 40, 12, 5, 1024

x, y = map(torch.from_numpy, aelle.mnist.sequential_mnist(MNIST, "train", N))
xv, yv = map(torch.from_numpy, aelle.mnist.sequential_mnist(MNIST, "test", N // 4))
publisher, verdicts = aelle.Publisher(BOOTSTRAP), aelle.VerdictReader(BOOTSTRAP, study_id=STUDY)
publisher.publish_probe(aelle.make_probe(xv[:16], STUDY, "smnist", loss_threshold=1.5))

def objective(trial):
    lstm = torch.nn.LSTM(28, trial.suggest_int("hidden", 8, 32), batch_first=True)
    head = torch.nn.Linear(lstm.hidden_size, 10)
    opt = torch.optim.Adam([*lstm.parameters(), *head.parameters()], trial.suggest_float("lr", 1e-4, 3e-2, log=True))
    loss = lambda xb, yb: torch.nn.functional.cross_entropy(head(lstm(xb)[0][:, -1]), yb)
    for epoch in range(1, EPOCHS + 1):
        for i in range(0, N, 64): opt.zero_grad(); loss(x[i:i + 64], y[i:i + 64]).backward(); opt.step()
        with torch.no_grad(): val = loss(xv, yv).item()
        aelle.optuna.report(trial, lstm, epoch, val, total_epochs=EPOCHS, sink=publisher)  # checkpoint + trial.report
        if trial.should_prune(): raise optuna.TrialPruned()   # the monitor's verdict on this epoch
    return val

pruner = aelle.optuna.AellePruner(verdicts, n_startup_trials=STARTUP)  # the monitor trains a bundle on the first runs
study = optuna.create_study(study_name=STUDY, sampler=optuna.samplers.RandomSampler(seed=0), pruner=pruner)
study.optimize(objective, n_trials=TRIALS, callbacks=[aelle.optuna.OutcomeCallback(publisher)])
