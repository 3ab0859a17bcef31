import { z } from 'zod';
import { Meeting, MeetingId, NewMeeting } from '../domain/meeting';
import { Settings } from '../domain/settings';

/**
 * The whole API of Chamber's core, declared once. The IPC binding, the preload, the browser host,
 * the renderer client and the command line are all derived from this object, so adding an
 * operation here is the only place it has to be added.
 */
function operation<I extends z.ZodType, O extends z.ZodType>(spec: { input: I; output: O; summary: string }) {
  return spec;
}

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  getAppInfo: operation({
    summary: 'Version, schema version and data directory of this installation',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
  listMeetings: operation({
    summary: 'All meetings, soonest first',
    input: z.object({}).strict(),
    output: z.array(Meeting),
  }),
  getMeeting: operation({
    summary: 'One meeting by id',
    input: z.object({ id: MeetingId }).strict(),
    output: Meeting,
  }),
  createMeeting: operation({
    summary: 'Create a meeting (queued for sync)',
    input: NewMeeting.strict(),
    output: Meeting,
  }),
  getSettings: operation({
    summary: 'Device-local preferences',
    input: z.object({}).strict(),
    output: Settings,
  }),
  updateSettings: operation({
    summary: 'Change device-local preferences',
    input: Settings.partial().strict(),
    output: Settings,
  }),
};

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller may send (before defaults and trimming). */
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
/** What a handler receives, after validation. */
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel for an operation; one namespace so the main process can refuse anything else. */
export const ipcChannel = (name: OperationName): string => `chamber:${name}`;
