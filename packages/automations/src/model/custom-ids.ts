/** Custom id of the "Open ticket" panel button (the tickets preset's trigger). */
export const TICKET_OPEN_ID = 'automations-ticket:open';
/** Custom id of the close button in ticket channels (handled by the extension itself). */
export const TICKET_CLOSE_ID = 'automations-ticket:close';
