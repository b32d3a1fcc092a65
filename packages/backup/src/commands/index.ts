import { backupDashboard, backupStats } from './dashboard-commands.js';
import {
  backupCreate,
  backupDelete,
  backupList,
  backupNote,
  backupPin,
  backupVerify,
  backupView,
} from './manage-commands.js';
import { backupDiff, backupRestore } from './restore-commands.js';
import { backupSchedule } from './schedule-command.js';
import { backupExport, backupImport } from './transfer-commands.js';

/** The original's 13 commands, plus `backupimport`. */
export const backupCommands = [
  backupDashboard,
  backupCreate,
  backupRestore,
  backupView,
  backupDelete,
  backupList,
  backupPin,
  backupNote,
  backupVerify,
  backupSchedule,
  backupDiff,
  backupExport,
  backupStats,
  backupImport,
];
