import { Worker } from 'node:worker_threads';
import { CutoverError } from '../core/cutover-error.js';
import type { MappedBatch } from './entity-mapper.js';
import type { LoaderMessage, MappingFinished, MappingInit, MappingMessage } from './mapping-messages.js';

/** The main thread's side of the mapping thread: batches come in, loaded batches go back. */
export interface MappingThread {
  /** The next mapped batch, in load order. */
  nextBatch(): Promise<MappedBatch>;
  /** Tells the thread a batch is loaded and which of its rows the target refused. */
  loaded(entity: string, refused: readonly string[]): void;
  /** The thread's last word once every entity is loaded: the source side of the money check and what it read. */
  finished(): Promise<MappingFinished>;
  stop(): Promise<void>;
}

/** Starts the mapping thread (src/pipeline/mapping-worker). */
export function startMappingThread(init: MappingInit): MappingThread {
  const worker = newWorker(init);
  const inbox: MappingMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: MappingMessage) => {
    if (message.type === 'failed') failure = threadError(message);
    else inbox.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the mapping thread stopped (exit code ${code})`);
    wake?.();
  });
  const receive = async (): Promise<MappingMessage> => {
    while (inbox.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return inbox.shift()!;
  };
  const post = (message: LoaderMessage) => worker.postMessage(message);
  return {
    async nextBatch() {
      const message = await receive();
      if (message.type !== 'batch') throw new Error(`the mapping thread sent ${message.type} where a batch was expected`);
      return message.batch;
    },
    loaded(entity, refused) {
      post({ type: 'loaded', entity, refused });
    },
    async finished() {
      const message = await receive();
      if (message.type !== 'finished') throw new Error(`the mapping thread sent ${message.type} where its last word was expected`);
      return { money: message.money, reads: message.reads };
    },
    async stop() {
      await worker.terminate();
    },
  };
}

function threadError(message: Extract<MappingMessage, { type: 'failed' }>): Error {
  const error = message.code === null ? new Error(message.message) : new CutoverError(message.code, message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}

/**
 * The built thread runs as it is; run from the TypeScript sources (the tests), it goes
 * through tsx, which Node 20 only lets a worker load from inside the worker.
 */
function newWorker(init: MappingInit): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./mapping-worker.js', here), { workerData: init });
  const source = JSON.stringify(new URL('./mapping-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true, workerData: init });
}
