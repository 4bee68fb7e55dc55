"""The task cap takes the same sample as TypeScript's src/runner/task-cap.ts (test/runner/task-cap.test.ts
checks the same cases)."""
import pytest

from parbench_py.suites import Task
from parbench_py.task_cap import cap_tasks


def independent(n):
    return [Task(i, []) for i in range(n)]


def chain(n):
    return [Task(i, [] if i == 0 else [i - 1]) for i in range(n)]


def payloads(tasks):
    return [t.payload for t in tasks]


def test_an_evenly_spread_sample_of_independent_tasks():
    assert payloads(cap_tasks(independent(10), 4)) == [1, 3, 6, 8]
    assert payloads(cap_tasks(independent(7), 1)) == [3]


def test_a_prefix_of_a_task_graph():
    assert payloads(cap_tasks(chain(10), 3)) == [0, 1, 2]


def test_the_whole_set_without_a_cap_or_under_one_it_does_not_exceed():
    tasks = independent(5)
    assert cap_tasks(tasks, None) is tasks
    assert cap_tasks(tasks, 5) is tasks
    assert cap_tasks(tasks, 99) is tasks


def test_a_cap_below_one_task_is_refused():
    with pytest.raises(ValueError, match='at least 1 task'):
        cap_tasks(independent(5), 0)
