; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include). UTF-8: makensis runs with
; -INPUTCHARSET UTF8. Per-user install, so $SMPROGRAMS is the current user's start menu.
;
; Besides the normal shortcuts electron-builder makes, a ward computer (afdelings-pc) gets its own start-menu entry
; that starts the app in kiosk mode: fullscreen, no devtools, an in-memory session cleared at every sign-out.

!define KIOSK_SHORTCUT "$SMPROGRAMS\Cliëntportaal (afdelings-pc).lnk"

!macro customInstall
  CreateShortCut "${KIOSK_SHORTCUT}" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" "--kiosk" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" 0 "" "" "Cliëntportaal voor een computer van de afdeling"
  ; Overwriting an existing shortcut on an update sets the error flag; that is not a failure.
  ClearErrors
  ; The same AppUserModelID as the other shortcuts: one taskbar button, one app.
  WinShell::SetLnkAUMI "${KIOSK_SHORTCUT}" "${APP_ID}"
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first: keep the shortcut (and where it was pinned) then, customInstall renews it.
  ${ifNot} ${isUpdated}
    WinShell::UninstShortcut "${KIOSK_SHORTCUT}"
    Delete "${KIOSK_SHORTCUT}"
  ${endIf}
!macroend
