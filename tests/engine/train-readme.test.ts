import readme from '~engine/train/README.md?raw';
import { describeReadmeExamples } from './readme-examples.ts';

describeReadmeExamples('src/engine/train/README.md', readme, 6);
