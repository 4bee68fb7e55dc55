"""The suite shape every Python suite module follows, mirroring suites/suite.ts.

A suite builds an input from (params, seed), splits it into tasks for a knob {chunk, work}, runs one task
(kernel), combines task results and fingerprints the combined result with exactly the string the
TypeScript suite's `checksum` gives, so the runner can verify a Python run against its own sequential run.
"""
from array import array
from dataclasses import dataclass, field
from typing import Any, Callable, Optional


@dataclass
class Task:
    payload: Any
    deps: list = field(default_factory=list)


@dataclass
class Suite:
    name: str
    make_input: Callable[[dict, int], Any]
    knob_range: Callable[[Any], dict]
    split: Callable[[Any, dict], list]
    kernel: Callable[[Any, list, Any], Any]
    combine: Callable[[Any, list], Any]
    checksum: Callable[[Any], str]
    context: Optional[Callable[[Any], Any]] = None
    # How Parsl users would write this suite's graph, when that differs from one app per task with
    # dependencies passed as futures (fib: join apps). Called as parsl_graph(input, knob, apps) and
    # returns the combined result (its `tasks` counts the task apps run).
    parsl_graph: Optional[Callable[[Any, dict, Any], Any]] = None


def concat_parts(results: list):
    """Task outputs of the form (float64 values, work checksum), in task order: all the values, the
    XOR of the checksums."""
    values = array('d')
    acc = 0
    for part, spun in results:
        values.extend(part)
        acc ^= spun
    return values, acc
