// The texts of every SMS and e-mail. Plain Dutch, no care content, and links only from the configured public URL.
import type { MailPayload } from '../db/repos/outbox.ts';

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
