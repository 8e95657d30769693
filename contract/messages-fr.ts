/**
 * The rule messages in Canadian French, by rule code (the English ones are in `messages.ts`). A
 * module of its own, with nothing to run but this object: the element's bundle loads it only for
 * a French page.
 *
 * @example
 *   localiseMessage('Must be a valid email address', FR_MESSAGES); // 'Doit être une adresse courriel valide'
 */
import type { Catalogue } from './messages.js';

export const FR_MESSAGES: Catalogue = {
  notObject: 'Le corps de la requête doit être un objet JSON',
  emptyPatch: 'Au moins un champ doit être fourni',
  unknownField: 'Champ inconnu',
  readOnly: 'Ne peut pas être modifié',
  notText: 'Doit être du texte',
  notTextOrNull: 'Doit être du texte ou null',
  notBoolean: 'Doit être vrai ou faux',
  required: 'Ce champ est obligatoire',
  tooLong: 'Doit contenir au plus {max} caractères',
  email: 'Doit être une adresse courriel valide',
  date: 'Doit être une date réelle au format AAAA-MM-JJ',
  future: 'Ne peut pas être dans le futur',
  province: 'Doit être le code d’une province ou d’un territoire canadien, comme ON',
  postalCode: 'Doit être un code postal canadien, comme A1A 1A1',
  country: 'Seul CA (Canada) est pris en charge',
  underAge: 'L’utilisateur doit avoir au moins 18 ans',
};
