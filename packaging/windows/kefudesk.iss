; Inno Setup script for KefuDesk on Windows (Inno Setup 6). First build the one-folder bundle on Windows:
;   py -m venv build\venv && build\venv\Scripts\pip install . pyinstaller
;   build\venv\Scripts\python packaging\make_icons.py build\icons && copy build\icons\kefudesk.ico build\
;   build\venv\Scripts\pyinstaller --noconfirm --distpath build\dist --workpath build\work packaging\kefudesk.spec
; then compile, passing the version from app\__init__.py:
;   iscc /DAppVersion=0.1.0 packaging\windows\kefudesk.iss
; The installer is per-user by default (an agent's PC often has no administrator at hand) and keeps the user's
; chats and settings when it uninstalls.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\kefudesk.iss
#endif

[Setup]
AppId={{6F3C2B0E-9C1D-4C55-8B8E-4B6B1F0D7A21}
AppName=KefuDesk 客服台
AppVersion={#AppVersion}
AppPublisher=KefuDesk
DefaultDirName={autopf}\KefuDesk
DefaultGroupName=KefuDesk 客服台
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\build
OutputBaseFilename=kefudesk-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\kefudesk.ico
UninstallDisplayIcon={app}\kefudesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with Inno Setup as an unofficial translation: drop ChineseSimplified.isl into its
; Languages folder and this line picks it up
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\build\dist\kefudesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\KefuDesk 客服台"; Filename: "{app}\kefudesk.exe"
Name: "{group}\{cm:UninstallProgram,KefuDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\KefuDesk 客服台"; Filename: "{app}\kefudesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kefudesk.exe"; Description: "{cm:LaunchProgram,KefuDesk}"; Flags: nowait postinstall skipifsilent
