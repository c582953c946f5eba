import type { JsonObject, JsonValue } from './json'

/**
 * Binary content. In memory it is a `Uint8Array`; a base64 string is accepted
 * on write, and restored messages always carry a `Uint8Array`.
 */
export type Bytes = Uint8Array | string

/** Source of binary content: inline bytes, an S3 location, or a URL. */
export type MediaSource =
  | { bytes: Bytes }
  | { location: { type: 's3'; uri: string; bucketOwner?: string } }
  | { url: string }

/** Plain text. Empty and whitespace-only text blocks are dropped on write and on restore. */
export interface TextBlockData {
  text: string
}

/** A tool call that the model requested. */
export interface ToolUseBlockData {
  toolUse: { name: string; toolUseId: string; input: JsonValue; reasoningSignature?: string }
}

/** One part of a tool's result. */
export type ToolResultContentData =
  | { text: string }
  | { json: JsonValue }
  | { image: ImageBlockData['image'] }
  | { document: DocumentBlockData['document'] }
  | { video: VideoBlockData['video'] }

/** The result of a tool call, sent back to the model in a user message. */
export interface ToolResultBlockData {
  toolResult: { toolUseId: string; status: 'success' | 'error'; content: ToolResultContentData[] }
}

/** An image, inline or by reference. */
export interface ImageBlockData {
  image: { format: string; source: MediaSource }
}

/** A document, inline or by reference. */
export interface DocumentBlockData {
  document: {
    name: string
    format: string
    source: MediaSource | { text: string } | { content: { text: string }[] }
    citations?: JsonObject
    context?: string
  }
}

/** A video, inline or by reference. */
export interface VideoBlockData {
  video: { format: string; source: MediaSource }
}

/** The model's reasoning, possibly redacted to opaque bytes. */
export interface ReasoningBlockData {
  reasoning: { text?: string; signature?: string; redactedContent?: Bytes }
}

/** Citations that back the model's generated text. */
export interface CitationsBlockData {
  citations: { citations: JsonValue[]; content: { text: string }[] }
}

/** Content that a guardrail evaluates. */
export interface GuardContentBlockData {
  guardContent: {
    text?: { text: string; qualifiers?: string[] }
    image?: { format: string; source: { bytes: Bytes } }
  }
}

/** A prompt-cache checkpoint. */
export interface CachePointBlockData {
  cachePoint: { cacheType: 'default'; ttl?: string }
}

/**
 * One content block of a message, in the Strands and Bedrock Converse JSON
 * shapes. Blocks of other shapes pass through unchanged.
 */
export type ContentBlockData =
  | TextBlockData
  | ToolUseBlockData
  | ToolResultBlockData
  | ImageBlockData
  | DocumentBlockData
  | VideoBlockData
  | ReasoningBlockData
  | CitationsBlockData
  | GuardContentBlockData
  | CachePointBlockData

/** The role of a message's author. */
export type MessageRole = 'user' | 'assistant'

/**
 * A conversation message as plain JSON, the shape of Strands' `Message.toJSON()`.
 * `metadata` is kept as it is and round-trips through storage.
 */
export interface MessageData {
  role: MessageRole
  content: ContentBlockData[]
  metadata?: JsonObject
}
