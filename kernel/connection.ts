// The connection file Jupyter writes for a kernel: transport, IP, the five ports and the signing key.
import { readFileSync } from 'node:fs';

export type Channel = 'shell' | 'control' | 'stdin' | 'iopub' | 'hb';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
}

export function readConnectionFile(path: string): ConnectionInfo {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const port = (name: string): number => {
    const value = raw[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > 65535) {
      throw new Error(`connection file ${path}: '${name}' must be a port number, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const transport = raw.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw new Error(`connection file ${path}: unknown transport '${String(transport)}'`);
  return {
    transport,
    ip: typeof raw.ip === 'string' ? raw.ip : '127.0.0.1',
    key: typeof raw.key === 'string' ? raw.key : '',
    signature_scheme: typeof raw.signature_scheme === 'string' ? raw.signature_scheme : 'hmac-sha256',
    shell_port: port('shell_port'),
    control_port: port('control_port'),
    stdin_port: port('stdin_port'),
    iopub_port: port('iopub_port'),
    hb_port: port('hb_port'),
  };
}

/** The ZeroMQ endpoint of a channel; ipc endpoints are `ip-port` paths, as jupyter_client names them. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
