/** Retries a transaction on serialization failures and deadlocks (40001, 40P01). */
export async function retrySerializable<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || (code !== '40001' && code !== '40P01')) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
    }
  }
}
