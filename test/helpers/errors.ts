/** Test-only: the ParbenchError a call throws. */
import { isParbenchError, type ParbenchError } from '../../src/errors.js';

/** The ParbenchError `f` throws; anything else thrown is rethrown, and no throw is a failure. */
export function parbenchErrorOf(f: () => unknown): ParbenchError {
  try {
    f();
  } catch (error) {
    if (isParbenchError(error)) return error;
    throw error;
  }
  throw new Error('expected a ParbenchError');
}
