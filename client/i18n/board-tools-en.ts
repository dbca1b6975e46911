import type { boardToolsJa } from './board-tools-ja';

/** The recorder's view controls, recent colours, template layer and board stamps, English. */
export const boardToolsEn: Record<keyof typeof boardToolsJa, string> = {
  viewControls: 'View',
  zoomLevel: 'Zoom {percent}%',
  zoomActual: '100%',
  zoomActualHint: 'Show at actual size (100 %) (1)',
  zoomSelection: 'Selection',
  zoomSelectionHint: 'Zoom to what is selected (2)',
  overview: 'Overview',
  overviewHint: 'Show or hide a small map of the whole board (O)',
  overviewMap: 'Overview of the board: click to go there',
  grid: 'Grid',
  gridHint: 'Show or hide a drawing grid (G). Viewers and exports never see it',

  recentColors: 'Recent colours',
  customColor: 'Other colour',
  customColorHint: 'Pick a colour that is not in the palette',
  recentColor: 'Recent colour {color}',

  templateDraw: 'Draw on template',
  templateDrawHint: 'While on, what you draw goes on the template layer (title, headings, logos)',
  templateLocked: 'Lock the template',
  templateLockedHint:
    'While on, recorders cannot move or erase the template layer (title, agenda headings, logos). Turn it off only while preparing before the event',
  templateLockedRejected: 'The template is locked',
  templateUnlock: 'Unlock the template',
  templateLockedNow: 'The template of "{title}" is locked',
  templateUnlockedNow: 'The template of "{title}" is unlocked: recorders can edit the template layer',

  boardStamps: 'Stamps of this board',
  boardStampsEmpty: 'Select something and "Save as stamp": it appears here',
  boardStampDelete: 'Delete the stamp "{name}"',
  selectionSaveStamp: 'Save as stamp',
  selectionSaveStampHint: 'Save the selection as a stamp of this board',
  stampName: 'Stamp name',
  stampSave: 'Save',
  stampCancel: 'Cancel',
  stampSaved: 'Stamp "{name}" saved',
  stampSaveFailed: 'The stamp could not be saved ({reason})',
  stampOffline: 'Stamps cannot be saved while offline',
  stampNoImages: 'Images cannot be saved as stamps',
  moreColors: 'More colours',
  imagePlaceHint: 'Tap where the image goes (Esc cancels)',
  imagePlaceCancel: 'Cancel',
  shortcutTapTextEdit: 'Tap a selected text: edit it',
  helpPanelTitle: 'How to use',
};
