; NSIS 3 script of Sambung's Windows installer: a per-machine install of the PyInstaller
; one-folder build (dist\sambung\, made on Windows with
;   py -m PyInstaller --noconfirm packaging\sambung.spec
; from the repository root) into Program Files, with Start-menu shortcuts and an optional
; desktop shortcut. It must never write or remove the site file (%PROGRAMDATA%\Sambung\site.json,
; deployed by IT) nor the users' own settings, data and logs (%LOCALAPPDATA%\Sambung).
;
; Compile (Linux or Windows; see packaging/windows/build_installer.sh and docs/admin.md):
;   makensis -DVERSION=0.1.0 [-DDIST=<build folder>] [-DOUTDIR=<folder>] packaging/windows/sambung.nsi
;   ->  <OUTDIR, default dist\installer>\Sambung-Setup-<VERSION>.exe
; Silent install: Sambung-Setup-<VERSION>.exe /S [/DESKTOP] [/D=C:\Other\Folder]   (/D= must come last)
; Silent uninstall: "C:\Program Files\Sambung\Uninstall.exe" /S

Unicode true
; Sambung itself is 64-bit only, so the installer is too by default: a 64-bit installer sees the
; real Program Files and registry (no WOW64 redirection) and runs under Debian's wine64, which is
; how tests/packaging/test_windows_installer.py exercises it. The official NSIS builds for Windows
; ship no amd64 stubs: there, compile with -DTARGET=x86-unicode (the script is correct for both).
!ifndef TARGET
  !define TARGET amd64-unicode
!endif
Target ${TARGET}

!ifndef VERSION
  !error "Pass the version of app/__init__.py: makensis -DVERSION=x.y.z (build_installer.sh does)"
!endif
; VIProductVersion needs four numbers; a version such as 0.2.0rc1 needs -DVIVERSION=0.2.0.1.
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif
!define ICON "..\..\app\resources\icons\sambung.ico"
!define APP "Sambung"
!define EXE "sambung.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!ifndef DIST
  !define DIST "..\..\dist\sambung"
!endif
; A missing or half-made build must stop the compile, not ship an installer without the program.
!if ! /FileExists "${DIST}\${EXE}"
  !error "${DIST}\${EXE} not found: build it first (PyInstaller on Windows), or pass -DDIST=<folder>"
!endif
; makensis does not create the output folder ("Can't open output file"), so this does, with
; the host's own command and path separator.
!ifdef NSIS_WIN32_MAKENSIS
  !ifndef OUTDIR
    !define OUTDIR "..\..\dist\installer"
  !endif
  !system 'if not exist "${OUTDIR}" mkdir "${OUTDIR}"' = 0
!else
  !ifndef OUTDIR
    !define OUTDIR "../../dist/installer"
  !endif
  !system 'mkdir -p "${OUTDIR}"' = 0
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"
!include "x64.nsh"

Name "${APP}"
OutFile "${OUTDIR}\${APP}-Setup-${VERSION}.exe"
InstallDir "$PROGRAMFILES64\${APP}"
; An upgrade goes where the last install went (read in the 64-bit view by the default target).
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
; Per-machine: installed once by IT for every agent who logs on to the PC.
RequestExecutionLevel admin
ManifestDPIAware true
SetCompressor /SOLID lzma
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${APP}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} Setup"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${APP}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
; The language chosen at install is kept for the uninstaller (the key goes with the uninstall).
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
; No "start Sambung now" box on the finish page: it would start the desk elevated, as the
; administrator who installs it, not as the agent.

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default where Windows' own language is neither.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SEC_PROGRAM ${LANG_INDONESIAN} "Sambung (wajib)"
LangString SEC_PROGRAM ${LANG_ENGLISH} "Sambung (required)"
LangString SEC_DESKTOP ${LANG_INDONESIAN} "Pintasan di desktop"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString DESC_PROGRAM ${LANG_INDONESIAN} "Program Sambung dan pintasan di menu Start (juga mode demo)."
LangString DESC_PROGRAM ${LANG_ENGLISH} "The Sambung program and its Start-menu shortcuts (also the demo mode)."
LangString DESC_DESKTOP ${LANG_INDONESIAN} "Pintasan Sambung di desktop semua pengguna."
LangString DESC_DESKTOP ${LANG_ENGLISH} "A Sambung shortcut on every user's desktop."
LangString NEEDS_X64 ${LANG_INDONESIAN} "Sambung memerlukan Windows 10 atau 11 versi 64-bit."
LangString NEEDS_X64 ${LANG_ENGLISH} "Sambung needs the 64-bit edition of Windows 10 or 11."

Section "!$(SEC_PROGRAM)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the bundled libraries as a whole: a Qt plugin or DLL left over from
  ; the previous version would otherwise be loaded beside the new ones.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  File /r "${DIST}\*"
  File "${ICON}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; Where IT puts site.json; the installer only makes sure the folder exists.
  CreateDirectory "$APPDATA\${APP}"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\sambung.ico" 0
  CreateShortCut "$SMPROGRAMS\${APP} (demo).lnk" "$INSTDIR\${EXE}" "--demo" "$INSTDIR\sambung.ico" 0
SectionEnd

; Off unless ticked on the components page, or /DESKTOP on the command line (silent installs).
Section /o "$(SEC_DESKTOP)" SecDesktop
  SetOutPath "$INSTDIR"
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\sambung.ico" 0
SectionEnd

; Last, so that EstimatedSize counts everything installed above.
Section "-Add/Remove Programs"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\sambung.ico"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} $(DESC_PROGRAM)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_DESKTOP)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(NEEDS_X64)" /SD IDOK
    Abort
  ${EndIf}
  ; All users: Start menu and desktop of every user, $APPDATA = ProgramData.
  SetShellVarContext all
  ; A 32-bit (x86-unicode) build would otherwise write the uninstall key into WOW6432Node.
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
  ${GetOptions} $CMDLINE "/DESKTOP" $0
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Removes exactly what the installer put down, so that an install into a folder that holds
; other things (/D=) does not take them along. %PROGRAMDATA%\Sambung goes only when empty: the
; site file stays, and so does everything under the users' %LOCALAPPDATA%\Sambung.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP} (demo).lnk"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\sambung.ico"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  RMDir "$APPDATA\${APP}"
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd
