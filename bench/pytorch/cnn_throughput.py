#!/usr/bin/env python3
"""PyTorch reference for `Bravais.Benchmarks cnn-throughput`: the same CNN, batch size, optimiser and
thread count, on synthetic 180-point profiles. Not a product dependency; needs Debian python3-torch
(PyTorch 1.13 CPU): /usr/bin/python3 bench/pytorch/cnn_throughput.py [--threads 2] [--batch 64] [--seconds 20] [--arch plain|resnet]
"""
import argparse
import math
import time

import torch
from torch import nn


def plain(channels=(32, 64, 128), kernel=7, length=180, dense=256, classes=14, dropout=0.3):
    layers, c_in = [], 1
    for c in channels:
        layers += [nn.Conv1d(c_in, c, kernel, padding=kernel // 2), nn.BatchNorm1d(c), nn.ReLU(), nn.MaxPool1d(2)]
        c_in = c
        length //= 2
    layers += [nn.Flatten(), nn.Linear(c_in * length, dense), nn.ReLU(), nn.Dropout(dropout), nn.Linear(dense, classes)]
    return nn.Sequential(*layers)


class Residual(nn.Module):
    def __init__(self, c_in, c, kernel, stride):
        super().__init__()
        p = kernel // 2
        self.main = nn.Sequential(nn.Conv1d(c_in, c, kernel, stride, p), nn.BatchNorm1d(c), nn.ReLU(),
                                  nn.Conv1d(c, c, kernel, 1, p), nn.BatchNorm1d(c))
        self.short = None if (c_in == c and stride == 1) else nn.Sequential(nn.Conv1d(c_in, c, 1, stride), nn.BatchNorm1d(c))

    def forward(self, x):
        return torch.relu(self.main(x) + (x if self.short is None else self.short(x)))


def resnet(channels=(32, 64, 128), kernel=7, length=180, dense=256, classes=14, dropout=0.3):
    layers = [nn.Conv1d(1, channels[0], kernel, padding=kernel // 2), nn.BatchNorm1d(channels[0]), nn.ReLU()]
    c_in = channels[0]
    for i, c in enumerate(channels):
        stride = 2 if i > 0 else 1
        layers.append(Residual(c_in, c, kernel, stride))
        c_in = c
        length = (length + 2 * (kernel // 2) - kernel) // stride + 1
    layers += [nn.Flatten(), nn.Linear(c_in * length, dense), nn.ReLU(), nn.Dropout(dropout), nn.Linear(dense, classes)]
    return nn.Sequential(*layers)


def profiles(rows, seed, length=180):
    g = torch.Generator().manual_seed(seed)
    x = torch.zeros(rows, 1, length)
    i = torch.arange(length, dtype=torch.float32)
    for _ in range(12):
        centre = torch.rand(rows, 1, 1, generator=g) * length
        height = torch.rand(rows, 1, 1, generator=g)
        x += height * torch.exp(-0.5 * ((i - centre) / 0.4) ** 2)
    return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--arch", default="plain")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = plain() if a.arch == "plain" else resnet()
    print(model)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, batch {a.batch}, "
          f"{sum(p.numel() for p in model.parameters()):,} parameters")
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    x = profiles(a.batch, 3)
    y = torch.randint(0, 14, (a.batch,), generator=torch.Generator().manual_seed(4))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    model.train()
    for _ in range(5):
        step()
    t0, n = time.perf_counter(), 0
    while time.perf_counter() - t0 < a.seconds:
        step()
        n += 1
    train_rate = n * a.batch / (time.perf_counter() - t0)

    model.eval()
    xi = profiles(4096, 11)
    with torch.no_grad():
        for b in range(0, 4096, 256):
            model(xi[b:b + 256])
        t0, passes = time.perf_counter(), 0
        while time.perf_counter() - t0 < a.seconds / 2:
            for b in range(0, 4096, 256):
                model(xi[b:b + 256])
            passes += 1
        infer_rate = passes * 4096 / (time.perf_counter() - t0)
    print(f"RESULT pytorch train_samples_per_s={train_rate:.0f} infer_patterns_per_s={infer_rate:.0f}")


if __name__ == "__main__":
    main()
