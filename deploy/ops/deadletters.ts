// `npm run deadletters -- list [<service>] | replay <service>`: see README ("Dode berichten").
import { runDeadLetterCommand } from '@kc/messaging';

runDeadLetterCommand(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) })
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error('deadletters:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
