/**
 * What the element says in Canadian French. A chunk of its own in the build
 * (`boca-user-profile.fr.js`, beside the element's file), fetched the first time a page asks for
 * French: an English page never downloads it. It imports nothing but data.
 *
 * @example
 *   fr.labels.email; // 'Courriel'
 */
import { FR_MESSAGES } from '../../contract/messages-fr.js';
import type { Strings } from './strings.js';

export const fr: Strings = {
  labels: {
    firstName: 'Prénom',
    lastName: 'Nom de famille',
    email: 'Courriel',
    dateOfBirth: 'Date de naissance',
    addressLine1: 'Adresse ligne 1',
    addressLine2: 'Adresse ligne 2',
    city: 'Ville',
    province: 'Province',
    postalCode: 'Code postal',
    country: 'Pays',
    occupation: 'Profession',
    isCiroAffiliate: 'Affilié à l’OCRI',
  },
  hints: {
    dateOfBirth: 'Format : AAAA-MM-JJ',
    addressLine2: 'Appartement, bureau ou unité. Facultatif.',
    postalCode: 'Par exemple, A1A 1A1',
    occupation: 'Facultatif.',
    isCiroAffiliate:
      'Cochez si vous travaillez pour une société réglementée par l’Organisme canadien de réglementation des investissements, ou y êtes inscrit.',
  },
  places: {
    AB: 'Alberta',
    BC: 'Colombie-Britannique',
    PE: 'Île-du-Prince-Édouard',
    MB: 'Manitoba',
    NB: 'Nouveau-Brunswick',
    NS: 'Nouvelle-Écosse',
    NU: 'Nunavut',
    ON: 'Ontario',
    QC: 'Québec',
    SK: 'Saskatchewan',
    NL: 'Terre-Neuve-et-Labrador',
    NT: 'Territoires du Nord-Ouest',
    YT: 'Yukon',
    CA: 'Canada',
  },
  choose: 'Choisir…',
  save: 'Enregistrer les modifications',
  discard: 'Annuler les modifications',
  retry: 'Réessayer',
  saved: 'Modifications enregistrées',
  review:
    'Modifications enregistrées. Elles sont en cours d’examen et prendront effet une fois approuvées.',
  saving: 'Enregistrement…',
  again: 'Vous pouvez enregistrer de nouveau.',
  loading: 'Chargement de votre profil…',
  loadFailed: 'Nous n’avons pas pu charger votre profil.',
  summary: 'Veuillez corriger ce qui suit',
  reference: 'Référence : {id}',
  retryIn: 'Trop de tentatives. Réessayez dans {s} s',
  renewFailed:
    'Nous n’avons pas pu renouveler votre session. Vos modifications sont conservées : réessayez d’enregistrer dans un instant.',
  signIn: 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  noSession: 'Nous n’avons pas pu vous connecter à votre profil. Veuillez recharger la page.',
  noService: 'Le service des profils est introuvable. Réessayez plus tard.',
  adult: 'Vous devez avoir au moins 18 ans.',
  rules: FR_MESSAGES,
  failures: {
    bad_request: 'Certains renseignements n’ont pas été acceptés. Veuillez vérifier le formulaire.',
    unauthorized:
      'Votre session a expiré. Vos modifications sont conservées : enregistrez de nouveau dans un instant.',
    forbidden: 'Cette page n’est pas autorisée à modifier votre profil.',
    not_found: 'Votre profil est introuvable.',
    conflict: 'Votre profil est en cours de mise à jour ailleurs. Réessayez dans un instant.',
    payload_too_large: 'Trop de renseignements ont été envoyés à la fois.',
    unsupported_media_type: 'La requête n’a pas pu être comprise.',
    unprocessable_entity: 'Cette modification n’a pas pu être acceptée.',
    too_many_requests: 'Trop de tentatives. Veuillez patienter un instant.',
    internal_error: 'Une erreur s’est produite de notre côté. Veuillez réessayer.',
    not_implemented: 'Cette fonction n’est pas encore offerte.',
    bad_gateway: 'Le service des profils ne répond pas correctement. Réessayez plus tard.',
    service_unavailable:
      'Le service des profils est indisponible pour le moment. Réessayez plus tard.',
    gateway_timeout: 'Le service des profils a mis trop de temps à répondre. Veuillez réessayer.',
    network_error: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  },
};
