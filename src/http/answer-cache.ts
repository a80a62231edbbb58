/** A finished answer, as a shared cache keeps it. */
export interface CachedAnswer {
  body: string;
  contentType: string;
  etag: string;
}

/**
 * A cache of answers shared by the app's instances (the Worker: the Cache API of the Cloudflare
 * location), kept for the answers' max-age. `put` may finish after the answer is sent.
 */
export interface AnswerCache {
  match(key: string): Promise<CachedAnswer | undefined>;
  put(key: string, answer: CachedAnswer, maxAgeSeconds: number): Promise<void>;
}
