"""A point's task set under a task cap (the request's maxTasks), the same rule as TypeScript's
src/runner/task-cap.ts: `cap` tasks evenly spread over an independent set (sample_tasks, the tasks
calibration times), else the first `cap` tasks (a prefix of a task graph is closed under dependencies,
which always point backwards). The reference and every repetition run the same sample."""
from .calibrate import sample_tasks


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
