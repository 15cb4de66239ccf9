import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

/** What a reader of one XML part wants to hear; names come without their namespace prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Why a part could not be parsed as XML, for the caller to word. */
export class XmlPartError extends Error {
  override readonly name = 'XmlPartError';
}

/**
 * Streams one XML part through a SAX parser and yields after each chunk, so callers can
 * hand out what their handlers gathered while memory stays flat.
 */
export async function* parseXmlPart(stream: Readable, handlers: XmlHandlers, signal?: AbortSignal): AsyncGenerator<void> {
  // line and column tracking costs a fifth of the parse time and the messages do not need it
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  // errors thrown by the handlers pass through as they are
  parser.on('error', (error) => {
    throw new XmlPartError(error.message.replace(/\.$/, ''));
  });
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
    yield;
  } finally {
    stream.destroy();
  }
}

/** Parses a whole (small) part with the given handlers. */
export async function readXmlPart(stream: Readable, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseXmlPart(stream, handlers));
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
