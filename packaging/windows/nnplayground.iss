; Inno Setup 6.3+ recipe: a per-user or all-users installer of the PyInstaller bundle.
; Build on Windows from the repository root, after PyInstaller has made dist\nnplayground:
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\nnplayground.spec
;   for /f %v in ('python packaging\project_version.py') do iscc /DAppVersion=%v packaging\windows\nnplayground.iss
; (the CI workflow .github/workflows/installers.yml does both). The version is never written
; here: it comes from nnplayground/__init__.py through /DAppVersion.
; Relative paths below are relative to this file's folder.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (python packaging\project_version.py prints it)
#endif
#define AppName "nnplayground"
#define AppExe "nnplayground.exe"
#define Bundle "..\..\dist\nnplayground"

[Setup]
; The AppId identifies the program to Windows across versions: never change it.
AppId={{5B0F1E7A-4C2D-4F8B-9A63-2E7D1C0B8A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=nnplayground developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights unless the person chooses all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\nnplayground.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A new version replaces the files of the old one: stale modules must not linger in _internal.
UsePreviousAppDir=yes
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
