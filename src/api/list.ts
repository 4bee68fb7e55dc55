/** `list`: the suites with their parameters and work knob, and the backends with their availability. */
import { backends } from '../backends/index.js';
import { suites } from '../../suites/index.js';

/**
 * What parbench can run: every suite (name, description, what it stresses, its knob, its parameters with
 * ranges and defaults) and every backend (name, description, whether it is parallel, and whether it is
 * available here, with the reason when not). Reads no files but the backends' availability probes.
 */
export function listing(): { suites: unknown[]; backends: unknown[] } {
  return {
    suites: suites.map((s) => ({
      name: s.name,
      description: s.description,
      stresses: s.stresses,
      ...(s.knob ? { knob: s.knob } : {}),
      params: s.params,
    })),
    backends: backends.map((b) => ({ name: b.name, description: b.description, parallel: b.parallel, ...b.availability() })),
  };
}

