// The request helpers on their own: Retry-After in both of its forms, and error keys for answers
// whose body names none.
import { expect } from '@open-wc/testing';
import {
  BffError,
  DEFAULT_RETRY_AFTER,
  asBffError,
  keyForStatus,
  retryAfterSeconds,
} from '../../component/internal/bff.js';

describe('Retry-After', () => {
  it('reads a number of seconds', () => {
    expect(retryAfterSeconds('12')).to.equal(12);
    expect(retryAfterSeconds('0')).to.equal(0);
  });

  it('reads an HTTP date as the seconds until then', () => {
    const now = Date.parse('2026-03-13T12:00:00Z');
    expect(retryAfterSeconds('Fri, 13 Mar 2026 12:00:30 GMT', now)).to.equal(30);
    expect(retryAfterSeconds('Fri, 13 Mar 2026 11:00:00 GMT', now)).to.equal(0);
  });

  it('falls back to 5 s when absent or unreadable', () => {
    expect(DEFAULT_RETRY_AFTER).to.equal(5);
    expect(retryAfterSeconds(null)).to.equal(5);
    expect(retryAfterSeconds('')).to.equal(5);
    expect(retryAfterSeconds('soon')).to.equal(5);
  });
});

describe('error keys', () => {
  it('names every status the BFF answers with', () => {
    const statuses = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 501, 502, 503, 504];
    expect(statuses.map(keyForStatus)).to.deep.equal([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'payload_too_large',
      'unsupported_media_type',
      'unprocessable_entity',
      'too_many_requests',
      'internal_error',
      'not_implemented',
      'bad_gateway',
      'service_unavailable',
      'gateway_timeout',
    ]);
  });

  it('groups other statuses by class, and no answer as a network error', () => {
    expect(keyForStatus(418)).to.equal('bad_request');
    expect(keyForStatus(507)).to.equal('internal_error');
    expect(keyForStatus(0)).to.equal('network_error');
  });

  it('treats anything thrown that is not a BffError as no answer', () => {
    const error = asBffError(new TypeError('Failed to fetch'));
    expect([error.status, error.key]).to.deep.equal([0, 'network_error']);
    const own = new BffError(404, 'not_found', 'No such user');
    expect(asBffError(own) === own).to.equal(true);
  });
});
