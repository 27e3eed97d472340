// Turns a cell's output events into the outputs a notebook would store: clear_output removes what
// came before (at once, or at the next output with wait), and a display update replaces its display.
import type { MimeBundle } from '../session/types.js';
import type { Output } from './types.js';

/** What the session process reports while a cell runs. */
export type OutputEvent =
  | { kind: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { kind: 'display'; data: MimeBundle; displayId?: string; update: boolean }
  | { kind: 'clear'; wait: boolean }
  | { kind: 'result'; data: MimeBundle }
  | { kind: 'error'; ename: string; evalue: string; traceback: string[] };

export class OutputCollector {
  readonly outputs: Output[] = [];
  private readonly displayIds: (string | undefined)[] = [];
  private clearPending = false;

  add(event: OutputEvent): void {
    if (event.kind === 'clear') {
      if (event.wait) this.clearPending = true;
      else this.clear();
      return;
    }
    if (event.kind === 'display' && event.update) {
      // An update changes the display in place and adds nothing.
      this.outputs.forEach((o, i) => {
        if (o.output_type === 'display_data' && this.displayIds[i] === event.displayId) o.data = event.data;
      });
      return;
    }
    if (this.clearPending) this.clear();
    const last = this.outputs.at(-1);
    if (event.kind === 'stream' && last?.output_type === 'stream' && last.name === event.name) {
      last.text += event.text;
      return;
    }
    this.displayIds.push(event.kind === 'display' ? event.displayId : undefined);
    if (event.kind === 'stream') this.outputs.push({ output_type: 'stream', name: event.name, text: event.text });
    else if (event.kind === 'display') this.outputs.push({ output_type: 'display_data', data: event.data });
    else if (event.kind === 'result') this.outputs.push({ output_type: 'execute_result', data: event.data });
    else this.outputs.push({ output_type: 'error', ename: event.ename, evalue: event.evalue, traceback: event.traceback });
  }

  private clear(): void {
    this.outputs.length = 0;
    this.displayIds.length = 0;
    this.clearPending = false;
  }
}
