; Inno Setup script of Sambung for Windows agent PCs: a per-machine install of the
; PyInstaller one-folder build (dist\sambung\, built on Windows with
;   py -m PyInstaller --noconfirm packaging\sambung.spec
; from the repository root), with Start-menu and desktop shortcuts.
; Compile:  iscc packaging\windows\sambung.iss   ->  dist\installer\Sambung-Setup-<version>.exe
; The site file (%PROGRAMDATA%\Sambung\site.json) is deployed by IT, never by this installer,
; and is left in place on uninstall; so are the users' own settings, data and logs.

#define AppName "Sambung"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "sambung.exe"
#define Root "..\.."

[Setup]
AppId={{6E1B0C1E-4D7B-4C65-9E2C-5A4B3D2C1F0A}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sambung
AppComments=Outbound-calling desk for call-center agents
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: installed once by IT for every agent who logs on to the PC.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=Sambung-Setup-{#AppVersion}
SetupIconFile={#Root}\resources\icons\sambung.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\sambung\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\resources\icons\sambung.ico"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
; Where IT puts site.json; readable by every user, writable by administrators only.
Name: "{commonappdata}\Sambung"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\sambung.ico"
Name: "{autoprograms}\{#AppName} (demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; IconFilename: "{app}\sambung.ico"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\sambung.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked
