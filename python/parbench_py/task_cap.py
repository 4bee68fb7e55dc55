"""A point's task set under a task cap (the request's maxTasks), the same rule as TypeScript's
src/runner/task-cap.ts: `cap` tasks evenly spread over an independent set (sample_tasks, the tasks
calibration times), else the first `cap` tasks (a prefix of a task graph is closed under dependencies,
which always point backwards). The reference and every repetition run the same sample."""
import math


def sample_tasks(tasks: list, count: int) -> list:
    """`count` tasks to time: evenly spread over the set when the tasks are independent (task
    floor((i + 0.5) * n / count) for i = 0 .. count-1); otherwise the whole set, of which the caller runs
    a prefix, which is closed under dependencies (they always point backwards). Returns `tasks` itself
    when count >= len(tasks). Throws nothing."""
    if count >= len(tasks) or any(t.deps for t in tasks):
        return tasks
    return [tasks[math.floor((i + 0.5) * len(tasks) / count)] for i in range(count)]


def cap_tasks(tasks: list, cap) -> list:
    """The tasks a point runs under `cap` (None or >= len(tasks): `tasks` itself). Raises ValueError for a
    cap below 1."""
    if cap is None or cap >= len(tasks):
        return tasks
    if cap < 1:
        raise ValueError(f'the task cap must be at least 1 task, got {cap}')
    if any(t.deps for t in tasks):
        return tasks[:cap]
    return sample_tasks(tasks, cap)
