// The texts of every SMS and e-mail. Plain Dutch, no care content, and links only from the configured public URL.
import type { MailPayload } from '../db/repos/outbox.ts';
import { INVITATION_ROUTE } from '../../shared/api/network.ts';

export function smsCodeText(org: string, code: string): string {
  return `Uw code voor het Cliëntportaal van ${org} is ${code}. De code is 5 minuten geldig. Deel deze code met niemand.`;
}

export function resetMail(org: string, publicUrl: string, token: string): MailPayload {
  // The token travels in the fragment: browsers do not send it to the server or in a Referer header.
  const link = `${publicUrl}/wachtwoord-herstellen#token=${token}`;
  return {
    subject: `Wachtwoord opnieuw instellen – Cliëntportaal ${org}`,
    text: [
      'Geachte heer, mevrouw,',
      '',
      `U heeft een verzoek gedaan om uw wachtwoord opnieuw in te stellen voor het cliëntportaal van ${org}.`,
      '',
      'Klik op de link hieronder om uw wachtwoord opnieuw in te stellen:',
      link,
      '',
      'Let op! Bovenstaande link is 5 minuten actief, daarna werkt deze niet meer.',
      '',
      `Mocht u het wachtwoord niet willen wijzigen, dan kunt u met uw huidige wachtwoord inloggen op: ${publicUrl}/`,
      '',
      'Met vriendelijke groet,',
      '',
      org,
    ].join('\n'),
  };
}

export function passwordChangedMail(org: string, publicUrl: string, supportEmail: string): MailPayload {
  return {
    subject: `Uw wachtwoord is gewijzigd – Cliëntportaal ${org}`,
    text: [
      'Geachte heer, mevrouw,',
      '',
      `Het wachtwoord van uw account voor het cliëntportaal van ${org} is zojuist gewijzigd.`,
      'Op andere apparaten bent u uitgelogd. Wanneer u daar weer inlogt, ontvangt u een SMS-code.',
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

/**
 * The opt-in notice of a new message (issue 4 §5). It says only that there is one: no sender, subject or text, since
 * an e-mail box is no place for care content (DESIGN §4).
 */
export function newMessageMail(org: string, publicUrl: string): MailPayload {
  return {
    subject: `Nieuw bericht – Cliëntportaal ${org}`,
    text: [
      'Geachte heer, mevrouw,',
      '',
      `U heeft een nieuw bericht in het cliëntportaal van ${org}.`,
      '',
      'Log in om het bericht te lezen:',
      `${publicUrl}/berichten`,
      '',
      'Wilt u deze e-mails niet meer ontvangen? Zet dan in het portaal onder Instellingen',
      '"E-mail bij nieuw bericht" uit.',
      '',
      'Met vriendelijke groet,',
      '',
      org,
    ].join('\n'),
  };
}

/**
 * The invitation to a client's network. It names who invites (so the person knows it is genuine) but nothing about
 * the care; the token travels in the fragment, like the reset link's.
 */
export function invitationMail(
  org: string,
  publicUrl: string,
  token: string,
  i: { firstName: string; inviterName: string; days: number },
): MailPayload {
  const link = `${publicUrl}${INVITATION_ROUTE}#token=${token}`;
  return {
    subject: `Uitnodiging voor het Cliëntportaal van ${org}`,
    text: [
      `Beste ${i.firstName},`,
      '',
      `${i.inviterName} heeft u uitgenodigd voor het cliëntportaal van ${org}.`,
      '',
      'Klik op de link hieronder om de uitnodiging te bekijken en een account aan te maken:',
      link,
      '',
      'Heeft u al een account? Log dan in en kies Uitnodigingen → Accepteren.',
      '',
      `Let op! De link is ${i.days === 1 ? '1 dag' : `${i.days} dagen`} geldig en werkt maar één keer.`,
      'Kent u de afzender niet? Dan kunt u deze e-mail negeren.',
      '',
      'Met vriendelijke groet,',
      '',
      org,
    ].join('\n'),
  };
}
