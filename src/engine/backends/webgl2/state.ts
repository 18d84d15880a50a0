import type { Device } from './device.ts';

let current: Device | undefined;

/** The device kernels run on; throws if WebGL2 was never initialised (the registry never routes here then). */
export function device(): Device {
  if (current === undefined) throw new Error('WebGL2 backend used before initWebGL2() succeeded');
  return current;
}

/** The device if one was created, without throwing. */
export function maybeDevice(): Device | undefined {
  return current;
}

/** Installs the device created by initWebGL2. */
export function setDevice(d: Device): void {
  current = d;
}
