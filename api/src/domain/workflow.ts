// Each organisation's report workflow: the default steps, and whether an officer's move is allowed.
import type { StatusStep, Workflow } from '@civic-elements/protocol';

/** The steps an organisation starts with (it may change them in its report settings). */
export const DEFAULT_WORKFLOW: Workflow = {
  steps: [
    { key: 'submitted', label: 'Submitted', open311: 'open', description: 'We have your report and will look at it soon.' },
    { key: 'acknowledged', label: 'Acknowledged', open311: 'open', description: 'We have checked the report and passed it to the team responsible.' },
    { key: 'in-progress', label: 'In progress', open311: 'open', description: 'The team is working on it.' },
    { key: 'fixed', label: 'Fixed', open311: 'closed', description: 'The problem has been fixed.' },
    { key: 'not-ours', label: 'Not ours', open311: 'closed', description: 'Someone else looks after this; we have told them where we could.' },
    { key: 'duplicate', label: 'Duplicate', open311: 'closed', description: 'This was already reported: follow the other report instead.' },
  ],
  duplicateStep: 'duplicate',
};

export const DEFAULT_NEARBY_RADIUS = 50;

/** The step a new report takes: the first. */
export const firstStep = (workflow: Workflow): StatusStep => workflow.steps[0]!;

export const stepOf = (workflow: Workflow, key: string): StatusStep | undefined => workflow.steps.find((step) => step.key === key);

/** Whether a report at `key` is open (a step that no longer exists counts as open, so it stays in the inbox). */
export const isOpenStep = (workflow: Workflow, key: string): boolean => (stepOf(workflow, key)?.open311 ?? 'open') === 'open';

/** The label of a step, or its key when the workflow no longer has it. */
export const labelOf = (workflow: Workflow, key: string): string => stepOf(workflow, key)?.label ?? key;

export type MoveRefusal =
  | { code: 'unknown_step'; message: string }
  | { code: 'same_step'; message: string }
  | { code: 'duplicate_step'; message: string }
  | { code: 'merged'; message: string };

/**
 * Whether an officer may move a report from `from` to `to`. Any step may follow any other, forwards
 * or back (a fixed pothole that opens up again goes back to In progress), except:
 * - the step must be one of the workflow's;
 * - moving to the step the report is at is no change;
 * - the duplicate step is reached only by merging (so that a duplicate always says what it duplicates);
 * - a report merged into another no longer moves: its story goes on in the other report.
 */
export function checkMove(workflow: Workflow, from: string, to: string, options: { merged: boolean }): MoveRefusal | null {
  if (options.merged) return { code: 'merged', message: 'This report was merged into another: change that one instead.' };
  const step = stepOf(workflow, to);
  if (!step) return { code: 'unknown_step', message: `Choose one of the steps: ${workflow.steps.map((s) => s.label).join(', ')}.` };
  if (to === workflow.duplicateStep) return { code: 'duplicate_step', message: `To mark a report as “${step.label}”, merge it into the report it duplicates.` };
  if (to === from) return { code: 'same_step', message: `The report is already “${step.label}”.` };
  return null;
}

/**
 * Problems with a new workflow while reports sit at some steps (`inUse`: step key → reports): a step
 * that reports are at cannot be taken away, or they would be left at a step nobody can choose.
 * Keyed like a validation error's fields.
 */
export function checkWorkflowChange(next: Workflow, inUse: ReadonlyMap<string, number>): Record<string, string> {
  const problems: Record<string, string> = {};
  const kept = new Set(next.steps.map((step) => step.key));
  const orphaned = [...inUse].filter(([key, count]) => count > 0 && !kept.has(key));
  if (orphaned.length > 0) {
    problems['workflow.steps'] = `Reports are still at ${orphaned.map(([key, count]) => `“${key}” (${count})`).join(', ')}: keep ${orphaned.length === 1 ? 'that step' : 'those steps'} or move the reports first.`;
  }
  return problems;
}
