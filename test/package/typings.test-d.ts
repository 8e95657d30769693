/**
 * Type-level tests of what TypeScript users of the package get: the element in
 * `HTMLElementTagNameMap`, its typed events in `HTMLElementEventMap`, and the React wrapper's
 * props and callbacks. Nothing here runs; `tsc` checks it in the types stage, and every
 * `@ts-expect-error` fails the check if the mistake under it ever stops being one.
 */
import React from 'react';
import type { Profile } from '../../contract/profile.js';
import { BocaUserProfile as BocaUserProfileElement } from '../../component/index.js';
import { BocaUserProfile, type BocaUserProfileProps } from '../../react/index.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

declare const profile: Profile;

// ── The element, by its tag name ──
export function element(editor = document.createElement('boca-user-profile')) {
  expectType<Equal<typeof editor, BocaUserProfileElement>>();
  expectType<Equal<HTMLElementTagNameMap['boca-user-profile'], BocaUserProfileElement>>();
  const _found = document.querySelector('boca-user-profile');
  expectType<Equal<typeof _found, BocaUserProfileElement | null>>();

  editor.apiBase = '/partner/api';
  editor.sessionToken = 'eyJ…';
  editor.locale = 'fr';
  editor.fields = 'firstName,lastName,email';
  editor.profile = profile;
  // @ts-expect-error only `en` and `fr` exist
  editor.locale = 'de';
  // @ts-expect-error `profile` takes a whole profile object, not a string
  editor.profile = '{"firstName":"Jane"}';
  // @ts-expect-error there is no such property
  editor.sessionTokn = 'eyJ…';
}

// ── Its events, typed by name ──
export function events(editor: BocaUserProfileElement) {
  editor.addEventListener('boca-save', (event) => {
    expectType<Equal<typeof event.detail.changes, Partial<Profile>>>();
    event.preventDefault();
  });
  editor.addEventListener('boca-saved', (event) => {
    expectType<Equal<typeof event.detail.profile, Profile>>();
    const updatedAt: string = event.detail.result.updatedAt;
    return updatedAt;
  });
  editor.addEventListener('boca-error', (event) => {
    const status: number = event.detail.status;
    const requestId: string | null = event.detail.requestId;
    const fields: string[] = event.detail.fieldErrors.map((error) => error.field);
    return [status, requestId, fields];
  });
  editor.addEventListener('boca-session-expired', (_event) => {
    expectType<Equal<typeof _event.detail, Record<string, never>>>();
  });
  // The same names work from any ancestor, since the events bubble and are composed.
  document.body.addEventListener('boca-saved', (event) => event.detail.result.status);
  editor.addEventListener('boca-saved', (event) => {
    // @ts-expect-error a saved event has no fieldErrors
    return event.detail.fieldErrors;
  });
}

// ── The React wrapper ──
export function react(token: string) {
  const ok = React.createElement(BocaUserProfile, {
    apiBase: '/api',
    sessionToken: token,
    locale: 'fr',
    profile,
    fields: 'email',
    className: 'profile',
    onBocaSave: (_event) => {
      expectType<Equal<typeof _event.detail.changes, Partial<Profile>>>();
    },
    onBocaSaved: (_event) => {
      expectType<Equal<typeof _event.detail.profile, Profile>>();
    },
    onBocaError: (event) => {
      const status: number = event.detail.status;
      return status;
    },
    onBocaSessionExpired: () => {},
  });
  const props: BocaUserProfileProps = { sessionToken: token };
  const ref = React.createRef<BocaUserProfileElement>();
  const withRef = React.createElement(BocaUserProfile, { ...props, ref });

  // @ts-expect-error only `en` and `fr` exist
  const badLocale = React.createElement(BocaUserProfile, { locale: 'de' });
  const badCallback = React.createElement(BocaUserProfile, {
    // @ts-expect-error a saved event's detail has no `status`
    onBocaSaved: (event) => event.detail.status.toFixed(),
  });
  // @ts-expect-error there is no such prop
  const typo = React.createElement(BocaUserProfile, { onBocaSavd: () => {} });
  return [ok, withRef, badLocale, badCallback, typo];
}
