#!/usr/bin/python3
"""digit_mlp_peers.py: the lecture's digit MLP written in NumPy and in PyTorch, timed on the same
machine as `nnplay bench`, for the README's comparison.

784-100-10, sigmoid hidden and output units, the logistic (binary cross-entropy) cost summed over
mini-batches of 100, L2 0.01 added to the weight gradients, plain SGD at 0.0005, double precision,
pixels scaled to [-1, 1], one epoch = 55,000 images in a shuffled order. Prints the median
training images/s of EPOCHS epochs for each (after one warm-up epoch).

Usage: scripts/digit_mlp_peers.py [DATASET_DIR] [EPOCHS]   (Debian: python3-numpy, python3-torch)
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np

DIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
TRAIN, BATCH, LR, L2 = 55000, 100, 0.0005, 0.01


def read_idx(name):
    path = os.path.join(DIR, name)
    opener = gzip.open if path.endswith(".gz") or not os.path.exists(path) else open
    if not os.path.exists(path):
        path += ".gz"
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


images = read_idx("train-images-idx3-ubyte.gz").reshape(-1, 784)[:TRAIN].astype(np.float64) * (2.0 / 255.0) - 1.0
labels = read_idx("train-labels-idx1-ubyte.gz")[:TRAIN]
targets = np.zeros((TRAIN, 10))
targets[np.arange(TRAIN), labels] = 1.0
rng = np.random.default_rng(1)


def numpy_epoch(W1, b1, W2, b2):
    order = rng.permutation(TRAIN)
    for first in range(0, TRAIN, BATCH):
        idx = order[first:first + BATCH]
        X, T = images[idx], targets[idx]
        H = 1.0 / (1.0 + np.exp(-(X @ W1 + b1)))
        Y = 1.0 / (1.0 + np.exp(-(H @ W2 + b2)))
        dZ2 = Y - T                          # sigmoid + binary cross-entropy, summed
        dW2 = H.T @ dZ2 + L2 * W2
        dZ1 = (dZ2 @ W2.T) * H * (1.0 - H)
        dW1 = X.T @ dZ1 + L2 * W1
        W2 -= LR * dW2
        b2 -= LR * dZ2.sum(axis=0)
        W1 -= LR * dW1
        b1 -= LR * dZ1.sum(axis=0)


def time_epochs(run_epoch):
    run_epoch()  # warm-up
    rates = []
    for _ in range(EPOCHS):
        t0 = time.perf_counter()
        run_epoch()
        rates.append(TRAIN / (time.perf_counter() - t0))
    return statistics.median(rates)


W1, W2 = rng.normal(0, 0.1, (784, 100)), rng.normal(0, 0.1, (100, 10))
b1, b2 = np.zeros(100), np.zeros(10)
print(f"numpy {np.__version__}: {time_epochs(lambda: numpy_epoch(W1, b1, W2, b2)):.0f} images/s")

try:
    import torch
except ImportError:
    print("pytorch: not installed (python3-torch)")
    sys.exit(0)
torch.set_num_threads(os.cpu_count() or 1)
X_all, T_all = torch.from_numpy(images), torch.from_numpy(targets)
model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.Sigmoid(), torch.nn.Linear(100, 10)).double()
with torch.no_grad():
    for layer in (model[0], model[2]):
        layer.weight.normal_(0, 0.1)
        layer.bias.zero_()
loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum")
weights = [model[0].weight, model[2].weight]
optimizer = torch.optim.SGD(model.parameters(), lr=LR)


def torch_epoch():
    order = torch.randperm(TRAIN)
    for first in range(0, TRAIN, BATCH):
        idx = order[first:first + BATCH]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(X_all[idx]), T_all[idx])
        loss.backward()
        with torch.no_grad():
            for w in weights:
                w.grad += L2 * w  # L2 on the weight gradients, as the lecture
        optimizer.step()


print(f"pytorch {torch.__version__} ({torch.get_num_threads()} threads): {time_epochs(torch_epoch):.0f} images/s")
