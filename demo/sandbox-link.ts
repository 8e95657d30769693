/**
 * What ties the demo to the sandbox: its demo users as the sandbox's seed, and the sandbox's fault
 * injection seen through the small {@link FaultControl} the scenarios need. Faults match the BFF's
 * `PATCH` only, so nothing else can use them up.
 *
 * @example
 *   serveSandbox({ users: seedUsersFor(DEMO_USERS) });
 *   createScenarios(sandboxFaults(running.sandbox), options);
 */
import type { FaultHandle, Sandbox, SeedUser } from '../sandbox/index.js';
import type { FaultControl } from './scenarios.js';
import type { DemoUser } from './users.js';

export const seedUsersFor = (users: readonly DemoUser[]): SeedUser[] =>
  users.map((user) => ({ externalId: user.externalId, status: user.status, ...user.profile }));

export function sandboxFaults(sandbox: Sandbox): FaultControl {
  let handles: FaultHandle[] = [];
  return {
    answerNext(status, body, headers) {
      handles.push(
        sandbox.injectFault({
          kind: 'status',
          status,
          body: body as Record<string, unknown>,
          ...(headers ? { headers } : {}),
          method: 'PATCH',
        }),
      );
    },
    stallNext(ms, count) {
      handles.push(sandbox.injectFault({ kind: 'stall', ms, times: count, method: 'PATCH' }));
    },
    // Only the faults not yet used: a stall in progress runs its course, as a slow network would.
    clearFaults() {
      for (const handle of handles) handle.cancel();
      handles = [];
    },
  };
}
