// The SMS and e-mail of a contact-detail change. Plain Dutch, no care content; the link only from the public URL.
import { EMAIL_CONFIRM_ROUTE } from '../../shared/api/details.ts';
import type { MailPayload } from '../db/repos/outbox.ts';

export function mobileChangeSms(org: string, code: string): string {
  return `Uw code om dit mobiele nummer te gebruiken voor het Cliëntportaal van ${org} is ${code}. De code is 5 minuten geldig. Deel deze code met niemand.`;
}

export function emailChangeMail(org: string, publicUrl: string, token: string): MailPayload {
  // The token travels in the fragment: browsers do not send it to the server or in a Referer header.
  const link = `${publicUrl}${EMAIL_CONFIRM_ROUTE}#token=${token}`;
  return {
    subject: `Bevestig uw nieuwe e-mailadres – Cliëntportaal ${org}`,
    text: [
      'Geachte heer, mevrouw,',
      '',
      `U heeft gevraagd dit e-mailadres te gebruiken voor het cliëntportaal van ${org}.`,
      '',
      'Klik op de link hieronder om uw nieuwe e-mailadres te bevestigen:',
      link,
      '',
      'De link is 24 uur geldig. Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen.',
      '',
      'Met vriendelijke groet,',
      '',
      org,
    ].join('\n'),
  };
}

/** To the user's (old) e-mail address after a change, so a change he did not make himself does not go unnoticed. */
export function contactChangedMail(
  org: string,
  publicUrl: string,
  supportEmail: string,
  what: 'mobile' | 'email',
): MailPayload {
  const thing = what === 'mobile' ? 'mobiele nummer' : 'e-mailadres';
  return {
    subject: `Uw ${thing} is gewijzigd – Cliëntportaal ${org}`,
    text: [
      'Geachte heer, mevrouw,',
      '',
      `Het ${thing} van uw account voor het cliëntportaal van ${org} is zojuist gewijzigd.`,
      '',
      `Heeft u dit niet zelf gedaan? Neem dan direct contact op met ${supportEmail}.`,
      '',
      `Inloggen: ${publicUrl}/`,
      '',
      'Met vriendelijke groet,',
      '',
      org,
    ].join('\n'),
  };
}
