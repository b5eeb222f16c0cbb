"""What the benchmark scripts share: the data they time on, and a device-aware clock."""
import time
import torch
from spectral_pruning.data import Data, find_idx_files, load_dataset

def bench_data() -> tuple[Data, str]:
    "Fashion-MNIST when installed, else random data of the same shape; and a name for it"
    if find_idx_files("fashion-mnist"): return load_dataset("fashion-mnist"), "Fashion-MNIST"
    g = torch.Generator().manual_seed(0)
    return Data(torch.rand(60_000, 784, generator=g), torch.randint(0, 10, (60_000,), generator=g),
                torch.rand(1000, 784, generator=g), torch.randint(0, 10, (1000,), generator=g), name="random"), "random data"

def sync(dev):
    "Wait for the device (CUDA work is asynchronous)"
    if dev.type == "cuda": torch.cuda.synchronize()

def timed(fn, dev) -> float:
    "Seconds `fn()` takes, device work included"
    sync(dev); t = time.perf_counter(); fn(); sync(dev); return time.perf_counter() - t
