import type { ServiceName } from '@kc/contracts';

/**
 * Every subject and stream name goes through here, so a test run (or a second environment on
 * the same NATS) gets its own namespace: subjects `<ns>.kc.…`, streams `<NS>_KC_<SERVICE>`.
 */
export class NatsNamespace {
  constructor(readonly ns: string) {}
  subject(typeOrPattern: string): string {
    return this.ns ? `${this.ns}.${typeOrPattern}` : typeOrPattern;
  }
  stripSubject(subject: string): string {
    return this.ns && subject.startsWith(`${this.ns}.`) ? subject.slice(this.ns.length + 1) : subject;
  }
  streamOf(service: ServiceName): string {
    return this.stream(`KC_${service.toUpperCase()}`);
  }
  get deadLetterStream(): string {
    return this.stream('KC_DEADLETTER');
  }
  deadLetterSubject(consumer: string, type: string): string {
    return this.subject(`kc.deadletter.${consumer}.${type}`);
  }
  bucket(name: string): string {
    return this.ns ? `${this.ns}-${name}` : name;
  }
  private stream(name: string): string {
    return this.ns ? `${this.ns.toUpperCase()}_${name}` : name;
  }
}
