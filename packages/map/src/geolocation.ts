// "Use my location": the browser's position as a promise, and why it failed in words a person can act on.
import type { Position } from '@civic-elements/protocol';

export type LocateFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** Long enough for a phone's GPS to wake up; short enough that nobody wonders whether anything happens. */
export const LOCATE_TIMEOUT_MS = 15_000;

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(`Could not get the location: ${reason}`);
  }
}

/** The device's position (longitude first), or a LocateError saying why not. */
export function locate(geolocation: Geolocation | undefined = globalThis.navigator?.geolocation): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!geolocation) {
      reject(new LocateError('unsupported'));
      return;
    }
    geolocation.getCurrentPosition(
      ({ coords }) => resolve([coords.longitude, coords.latitude]),
      (error) => {
        // GeolocationPositionError: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT.
        reject(new LocateError(error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable'));
      },
      // A fresh position: asked again, the person has probably moved, or wants to be sure.
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}
