/** A mail ready to send: Dutch first, English second, as plain text and as simple HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Part {
  greeting: string;
  body: string;
  action: string;
  after: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function render(subject: string, link: string, nl: Part, en: Part): RenderedMail {
  const text = [nl, en].map((p) => `${p.greeting}\n\n${p.body}\n\n${p.action}:\n${link}\n\n${p.after}`).join('\n\n-- English --\n\n');
  const htmlPart = (p: Part, lang: string) =>
    `<div lang="${lang}"><p>${escapeHtml(p.greeting)}</p><p>${escapeHtml(p.body)}</p>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(p.action)}</a></p><p>${escapeHtml(p.after)}</p></div>`;
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family: sans-serif; line-height: 1.5">${htmlPart(nl, 'nl')}<hr>${htmlPart(en, 'en')}</body></html>`;
  return { subject, text, html };
}

export function verificationMail(displayName: string, link: string): RenderedMail {
  return render('Bevestig je e-mailadres voor KennisCloud / Confirm your e-mail address', link,
    {
      greeting: `Hallo ${displayName},`,
      body: 'Welkom bij KennisCloud. Bevestig dat dit jouw e-mailadres is; de link werkt 48 uur.',
      action: 'Bevestig je e-mailadres',
      after: 'Heb je geen account aangemaakt? Dan kun je deze e-mail negeren.',
    },
    {
      greeting: `Hello ${displayName},`,
      body: 'Welcome to KennisCloud. Please confirm that this is your e-mail address; the link works for 48 hours.',
      action: 'Confirm your e-mail address',
      after: 'Did not create an account? Then you can ignore this e-mail.',
    });
}

export function passwordResetMail(displayName: string, link: string): RenderedMail {
  return render('Nieuw wachtwoord voor KennisCloud / Reset your password', link,
    {
      greeting: `Hallo ${displayName},`,
      body: 'Iemand heeft gevraagd om een nieuw wachtwoord voor je KennisCloud-account. Met de link kies je een nieuw wachtwoord; hij werkt één uur en één keer. Daarna word je op al je apparaten uitgelogd.',
      action: 'Kies een nieuw wachtwoord',
      after: 'Heb je dit niet gevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft hetzelfde.',
    },
    {
      greeting: `Hello ${displayName},`,
      body: 'Someone asked for a new password for your KennisCloud account. The link lets you choose one; it works once, for one hour. You are then signed out on all your devices.',
      action: 'Choose a new password',
      after: 'Did not ask for this? Then you can ignore this e-mail: your password stays the same.',
    });
}

export function inactivityWarningMail(displayName: string, link: string, erasedOn: string, months: number): RenderedMail {
  return render('Je KennisCloud-account wordt binnenkort gewist / Your account will soon be erased', link,
    {
      greeting: `Hallo ${displayName},`,
      body: `Je hebt al bijna ${months} maanden niet ingelogd bij KennisCloud. Om je gegevens niet langer te bewaren dan nodig, wissen we je account op ${erasedOn}; je bijdragen blijven dan staan als ‘Oud-deelnemer’. Wil je je account houden? Log dan voor die datum in.`,
      action: 'Inloggen en je account houden',
      after: 'Wil je dat we je account nu al wissen, of je gegevens eerst downloaden? Dat kan op Mijn gegevens.',
    },
    {
      greeting: `Hello ${displayName},`,
      body: `You have not signed in to KennisCloud for almost ${months} months. So as not to keep your data longer than needed, we will erase your account on ${erasedOn}; your contributions then stay, signed ‘Oud-deelnemer’. Want to keep your account? Sign in before that date.`,
      action: 'Sign in and keep your account',
      after: 'Want us to erase your account now, or download your data first? You can on My data.',
    });
}
