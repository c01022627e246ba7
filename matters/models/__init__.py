from .benchmark import Benchmark, BenchmarkTier
from .matter import Matter
from .provision import LegalProvision

__all__ = ["Benchmark", "BenchmarkTier", "LegalProvision", "Matter"]
