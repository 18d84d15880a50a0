import readme from '~engine/README.md?raw';
import { describeReadmeExamples } from './readme-examples.ts';

describeReadmeExamples('src/engine/README.md', readme, 6);
