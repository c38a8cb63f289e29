; Hazard Workshop: a per-user Windows installer. Needs no administrator rights: it installs
; into the user's own folder (%LOCALAPPDATA%\Programs) and registers the .hazlog file type
; for that user only (HKCU). Silent: setup.exe /S, uninstall: uninstall.exe /S.
; Build: makensis -DVERSION=0.1.0 -DEXE=path\to\hazard-workshop.exe -DOUT=installer.exe installer.nsi

; A 64-bit installer for a 64-bit app: it runs on 64-bit Windows without the WOW64 layer, and
; under Debian's 64-bit-only Wine, so packaging/windows/nsis-smoke.sh can test the install.
; (Needs NSIS 3 with the amd64-unicode stubs, as Debian's nsis package has.)
Target amd64-unicode
!include "MUI2.nsh"

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!define APP "Hazard Workshop"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\HazardWorkshop"

Name "${APP} ${VERSION}"
OutFile "${OUT}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
SetCompressor /SOLID lzma

!define MUI_ICON "..\hazard-workshop.ico"
!define MUI_UNICON "..\hazard-workshop.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\hazard-workshop.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Hazard Workshop developers"

Section "Install"
  SetOutPath "$INSTDIR"
  File "/oname=hazard-workshop.exe" "${EXE}"
  File "/oname=README.md" "..\..\README.md"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\hazard-workshop.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  ; Double-clicking a .hazlog opens it (per user).
  WriteRegStr HKCU "Software\Classes\.hazlog" "" "HazardWorkshop.Project"
  WriteRegStr HKCU "Software\Classes\HazardWorkshop.Project" "" "Hazard Workshop project"
  WriteRegStr HKCU "Software\Classes\HazardWorkshop.Project\DefaultIcon" "" "$INSTDIR\hazard-workshop.exe,0"
  WriteRegStr HKCU "Software\Classes\HazardWorkshop.Project\shell\open\command" "" '"$INSTDIR\hazard-workshop.exe" "%1"'
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "Publisher" "Hazard Workshop developers"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\hazard-workshop.exe"
  WriteRegStr HKCU "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Project files, settings and recovery data belong to the user and are left alone.
  Delete "$INSTDIR\hazard-workshop.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  DeleteRegKey HKCU "Software\Classes\HazardWorkshop.Project"
  DeleteRegValue HKCU "Software\Classes\.hazlog" ""
  ; The key may hold other programs' entries (OpenWithProgids): removed only when empty.
  DeleteRegKey /ifempty HKCU "Software\Classes\.hazlog"
  DeleteRegKey HKCU "Software\${APP}"
  DeleteRegKey HKCU "${REG_UNINSTALL}"
SectionEnd
