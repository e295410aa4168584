; Inno Setup script: the Windows installer for QA Desktop (Inno Setup 6).
;
; Build the bundle first (dist\qa-desktop\, see packaging\README.md), then, from the checkout:
;   iscc /DAppVersion=0.1.0 packaging\qa-desktop.iss
; The version is given on the command line from qa_desktop.__version__, never written here.
; Output: packaging\build\qa-desktop-<version>-setup.exe
;
; Installs for the current user by default (no administrator rights needed); IT can install
; for all users with /ALLUSERS (or the dialog). Uninstalling removes the program only: each
; person's stores, settings and logs (%LOCALAPPDATA%\qa-desktop) are left untouched.

#define AppName "QA Desktop"
#define AppExe "qa-desktop.exe"
#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=x.y.z packaging\qa-desktop.iss
#endif

[Setup]
AppId={{28CBC593-8CD9-4060-B38A-4A030F3CC9D1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=QA Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=build\qa-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=build
OutputBaseFilename=qa-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\qa-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} (demo county)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; There is deliberately no [UninstallDelete] section: the program folder goes, and nothing
; else. People's audits live in their stores under %LOCALAPPDATA%\qa-desktop.
