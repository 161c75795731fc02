import { v7 } from 'uuid';

/** Time-ordered UUIDv7 as text: sorts by creation, unique across processes. */
export const newId = (): string => v7();

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const iso = (d: Date): string => d.toISOString();
export const addMinutes = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * 60_000);
