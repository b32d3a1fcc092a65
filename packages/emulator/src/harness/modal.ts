import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { UserAction } from './user-action.js';

/** Values to fill a modal with, by the text input's (or select's) custom id. */
export type ModalValues = Readonly<Record<string, string | readonly string[]>>;

/** Who submits a modal (the user whose action opened it). */
export interface ModalActor {
  submitModal(modal: ModalHandle, values: ModalValues): UserAction;
}

/** A modal the bot showed, ready to be filled and submitted. */
export class ModalHandle {
  /** The modal's custom id. */
  public readonly customId: string;
  /** The modal's title. */
  public readonly title: string;
  /** The modal as the bot sent it. */
  public readonly raw: APIModalInteractionResponseCallbackData;
  /** The interaction that opened it. */
  public readonly interactionId: string;
  /** The message whose component opened it, if any (a submit may update that message). */
  public readonly sourceMessageId: string | null;
  readonly #actor: ModalActor;

  /** @internal Created by the emulator's test API. */
  public constructor(
    raw: APIModalInteractionResponseCallbackData,
    interactionId: string,
    sourceMessageId: string | null,
    actor: ModalActor,
  ) {
    this.raw = raw;
    this.interactionId = interactionId;
    this.customId = raw.custom_id;
    this.title = raw.title;
    this.sourceMessageId = sourceMessageId;
    this.#actor = actor;
  }

  /** The custom ids of the modal's inputs, in order. */
  public get fieldIds(): string[] {
    const ids: string[] = [];
    for (const row of this.raw.components as unknown as RowLike[]) {
      for (const child of row.components ?? (row.component ? [row.component] : [])) {
        if (child.custom_id) ids.push(child.custom_id);
      }
    }
    return ids;
  }

  /** Submits the modal with `values`, as the user it was shown to. */
  public submit(values: ModalValues): UserAction {
    return this.#actor.submitModal(this, values);
  }
}

interface RowLike {
  components?: { custom_id?: string }[];
  component?: { custom_id?: string };
}
