; 清风台账 — the setup for Windows 10/11 (x64), an Inno Setup 6 script.
;
; It cannot be built on Linux. On a Windows PC, after `pyinstaller build.spec --noconfirm` has
; written dist\qingfeng\, run (Inno Setup 6.4 or later, whose Languages folder holds the
; Simplified Chinese messages; for an older one copy ChineseSimplified.isl from
; https://jrsoftware.org/files/istrans/ into it):
;
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\qingfeng.iss
;
; which writes dist\qingfeng-taizhang-<version>-setup.exe. The setup asks whether to install for
; the current user only (no administrator needed) or for everyone on the PC; it makes a Start
; menu shortcut and, when ticked, a desktop one, both with the program's icon. Uninstalling
; keeps the clerk's data folder unless the clerk says to delete it.
;
; tests/shipping/test_inno_setup.py reads this file: every file it names must be in the bundle,
; the version must be the program's (app/version.py VERSION), and the data folder the program's.

#define AppName "清风台账"
#define AppVersion "0.2.0"
#define AppPublisher "清风台账"
#define AppExe "qingfeng.exe"
#define CliExe "qingfeng-cli.exe"
#define Bundle "..\dist\qingfeng"
#define IconInBundle "_internal\resources\icons\qingfeng.ico"
; platformdirs' user data folder of "qingfeng-taizhang" (app/workspace/facade.py: APP_NAME):
; the default workspace, its backups, the demo and the user's qingfeng.ini.
#define DataFolder "{localappdata}\qingfeng-taizhang"

[Setup]
AppId={{D5371AC5-5DF6-4A93-BB9C-4B41B4EF6862}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per user (no administrator) by default; the first page offers "for all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\QingfengTaizhang
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=qingfeng-taizhang-{#AppVersion}-setup
SetupIconFile=..\resources\icons\qingfeng.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
Compression=lzma2
SolidCompression=yes

[Languages]
#ifexist CompilerPath + "Languages\ChineseSimplified.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #error Inno Setup 的 Languages 文件夹中没有 ChineseSimplified.isl（简体中文界面）：请用 Inno Setup 6.4 或更新版本，或从 https://jrsoftware.org/files/istrans/ 下载后放入该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#Bundle}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#IconInBundle}"; Comment: "机关纪委廉政工作台账"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#IconInBundle}"; Comment: "机关纪委廉政工作台账"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在启动{#AppName}"; Flags: nowait postinstall skipifsilent

[Code]
{ The data folder is the clerk's work: it stays unless the clerk asks, and never in a silent
  uninstall (an upgrade run by the IT administrator). A workspace elsewhere (another folder,
  a server, qingfeng.ini) is never touched. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := ExpandConstant('{#DataFolder}');
  if UninstallSilent or not DirExists(Folder) then
    Exit;
  if MsgBox('程序已卸载。是否同时删除本机的台账数据？' + #13#10#13#10 + Folder + #13#10#13#10 +
            '其中有工作区（全部台账记录、附件）、备份和演示数据。选择“否”将保留这些数据，' +
            '重新安装后可继续使用。', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(Folder, True, True, True);
end;
