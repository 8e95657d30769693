/**
 * The portal's own words in English and French. The element translates itself from its `locale`;
 * these are the strings around it (`data-i18n` and `data-i18n-label` in the markup) and the
 * notices the page shows.
 *
 * @example
 *   applyPortalLocale('fr'); // the page's headings and navigation switch to French
 */

export type Locale = 'en' | 'fr';

const en = {
  skip: 'Skip to content',
  mainNav: 'Main',
  menu: 'Menu',
  dismiss: 'Dismiss',
  navOverview: 'Overview',
  navAccounts: 'Accounts',
  navTrade: 'Trade',
  navTransfers: 'Transfers',
  navDocuments: 'Documents',
  breadcrumb: 'Breadcrumb',
  crumbSettings: 'Settings',
  crumbProfile: 'Personal information',
  title: 'Personal information',
  lede: 'Keep your details current. Your account is held with our custodian, Boca Raton, and the changes you save here go to them directly.',
  settingsNav: 'Settings',
  setProfile: 'Personal information',
  setSecurity: 'Sign-in and security',
  setNotifications: 'Notifications',
  setBanks: 'Linked bank accounts',
  setTax: 'Tax documents',
  cardTitle: 'Profile and address',
  cardHint: 'Changes take effect once you save them. We may ask for proof of a new address.',
  footer:
    'Maple Ledger Investing is a fictional brand made for this demonstration. Accounts are held with Boca Raton.',
  statusActive: 'Verified',
  statusPendingCompliance: 'Under compliance review',
  renewed: 'Your session had expired: we renewed it and saved your changes.',
} as const;

export type PortalText = keyof typeof en;

const fr: Record<PortalText, string> = {
  skip: 'Aller au contenu',
  mainNav: 'Principal',
  menu: 'Menu',
  dismiss: 'Fermer',
  navOverview: 'Aperçu',
  navAccounts: 'Comptes',
  navTrade: 'Négociation',
  navTransfers: 'Virements',
  navDocuments: 'Documents',
  breadcrumb: "Fil d'Ariane",
  crumbSettings: 'Paramètres',
  crumbProfile: 'Renseignements personnels',
  title: 'Renseignements personnels',
  lede: 'Tenez vos renseignements à jour. Votre compte est détenu par notre dépositaire, Boca Raton, et les modifications enregistrées ici lui sont transmises directement.',
  settingsNav: 'Paramètres',
  setProfile: 'Renseignements personnels',
  setSecurity: 'Connexion et sécurité',
  setNotifications: 'Notifications',
  setBanks: 'Comptes bancaires liés',
  setTax: 'Documents fiscaux',
  cardTitle: 'Profil et adresse',
  cardHint:
    'Les modifications prennent effet une fois enregistrées. Nous pourrions demander une preuve de nouvelle adresse.',
  footer:
    'Maple Ledger Investing est une marque fictive créée pour cette démonstration. Les comptes sont détenus par Boca Raton.',
  statusActive: 'Vérifié',
  statusPendingCompliance: 'En examen de conformité',
  renewed:
    'Votre session avait expiré : nous l’avons renouvelée et avons enregistré vos modifications.',
};

const catalogues: Record<Locale, Record<PortalText, string>> = { en, fr };

export const text = (locale: Locale, key: PortalText): string => catalogues[locale][key];

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'fr';

/** Translates the portal's markup: `data-i18n` sets text, `data-i18n-label` sets `aria-label`. */
export function applyPortalLocale(locale: Locale, root: ParentNode = document): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = text(locale, node.dataset.i18n as PortalText);
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    node.setAttribute('aria-label', text(locale, node.dataset.i18nLabel as PortalText));
  }
  document.documentElement.lang = locale;
  document.title = `${text(locale, 'title')} · Maple Ledger Investing`;
}
