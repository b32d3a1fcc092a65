import { createTsupConfig } from '../../scripts/config/tsup';

export default createTsupConfig();
