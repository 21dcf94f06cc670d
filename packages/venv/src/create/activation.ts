// Activation scripts written into a new environment's bin directory: bash/zsh (`activate`), fish,
// csh/tcsh, PowerShell and nushell. Each sets VIRTUAL_ENV, prepends bin to PATH and defines deactivate.

/** What the scripts need to know about the environment. */
export interface ActivationContext {
  /** Absolute environment root. */
  root: string;
  /** `bin` or `Scripts`. */
  binName: string;
  /** Prompt prefix without decoration, e.g. the directory name. */
  prompt: string;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const csh = (s: string) => `'${s.replace(/'/g, `'"'"'`)}'`;
const fish = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ps = (s: string) => `'${s.replace(/'/g, "''")}'`;
const nu = (s: string) => `r#'${s}'#`;

function bash(c: ActivationContext): string {
  return `# Activates this virtual environment; use "source ${c.binName}/activate" from bash or zsh,
# it cannot be run directly. Written by pipgrub.

deactivate () {
    if [ -n "\${_OLD_VIRTUAL_PATH:-}" ] ; then
        PATH="\${_OLD_VIRTUAL_PATH:-}"
        export PATH
        unset _OLD_VIRTUAL_PATH
    fi
    if [ -n "\${_OLD_VIRTUAL_PYTHONHOME:-}" ] ; then
        PYTHONHOME="\${_OLD_VIRTUAL_PYTHONHOME:-}"
        export PYTHONHOME
        unset _OLD_VIRTUAL_PYTHONHOME
    fi
    # bash and zsh cache command locations; forget them so PATH changes take effect
    if [ -n "\${BASH:-}" -o -n "\${ZSH_VERSION:-}" ] ; then
        hash -r 2> /dev/null
    fi
    if [ -n "\${_OLD_VIRTUAL_PS1:-}" ] ; then
        PS1="\${_OLD_VIRTUAL_PS1:-}"
        export PS1
        unset _OLD_VIRTUAL_PS1
    fi
    unset VIRTUAL_ENV
    unset VIRTUAL_ENV_PROMPT
    if [ ! "\${1:-}" = "nondestructive" ] ; then
        unset -f deactivate
    fi
}

# unset what a previously activated environment left behind
deactivate nondestructive

VIRTUAL_ENV=${sh(c.root)}
export VIRTUAL_ENV

_OLD_VIRTUAL_PATH="$PATH"
PATH="$VIRTUAL_ENV/${c.binName}:$PATH"
export PATH

if [ -n "\${PYTHONHOME:-}" ] ; then
    _OLD_VIRTUAL_PYTHONHOME="\${PYTHONHOME:-}"
    unset PYTHONHOME
fi

VIRTUAL_ENV_PROMPT=${sh(`(${c.prompt}) `)}
export VIRTUAL_ENV_PROMPT
if [ -z "\${VIRTUAL_ENV_DISABLE_PROMPT:-}" ] ; then
    _OLD_VIRTUAL_PS1="\${PS1:-}"
    PS1="\${VIRTUAL_ENV_PROMPT}\${PS1:-}"
    export PS1
fi

if [ -n "\${BASH:-}" -o -n "\${ZSH_VERSION:-}" ] ; then
    hash -r 2> /dev/null
fi
`;
}

function fishScript(c: ActivationContext): string {
  return `# Activates this virtual environment; use "source ${c.binName}/activate.fish" from fish.
# Written by pipgrub.

function deactivate -d "Leave the virtual environment"
    if test -n "$_OLD_VIRTUAL_PATH"
        set -gx PATH $_OLD_VIRTUAL_PATH
        set -e _OLD_VIRTUAL_PATH
    end
    if test -n "$_OLD_VIRTUAL_PYTHONHOME"
        set -gx PYTHONHOME $_OLD_VIRTUAL_PYTHONHOME
        set -e _OLD_VIRTUAL_PYTHONHOME
    end
    if test -n "$_OLD_FISH_PROMPT_OVERRIDE"
        set -e _OLD_FISH_PROMPT_OVERRIDE
        if functions -q _old_fish_prompt
            functions -e fish_prompt
            functions -c _old_fish_prompt fish_prompt
            functions -e _old_fish_prompt
        end
    end
    set -e VIRTUAL_ENV
    set -e VIRTUAL_ENV_PROMPT
    if test "$argv[1]" != "nondestructive"
        functions -e deactivate
    end
end

deactivate nondestructive

set -gx VIRTUAL_ENV ${fish(c.root)}
set -gx _OLD_VIRTUAL_PATH $PATH
set -gx PATH "$VIRTUAL_ENV/${c.binName}" $PATH
set -gx VIRTUAL_ENV_PROMPT ${fish(`(${c.prompt}) `)}

if set -q PYTHONHOME
    set -gx _OLD_VIRTUAL_PYTHONHOME $PYTHONHOME
    set -e PYTHONHOME
end

if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"
    functions -c fish_prompt _old_fish_prompt
    function fish_prompt
        set -l old_status $status
        printf "%s%s%s" (set_color 4B8BBE) $VIRTUAL_ENV_PROMPT (set_color normal)
        echo "exit $old_status" | .
        _old_fish_prompt
    end
    set -gx _OLD_FISH_PROMPT_OVERRIDE "$VIRTUAL_ENV"
end
`;
}

function cshScript(c: ActivationContext): string {
  return `# Activates this virtual environment; use "source ${c.binName}/activate.csh" from csh or tcsh.
# Written by pipgrub.

alias deactivate 'test $?_OLD_VIRTUAL_PATH != 0 && setenv PATH "$_OLD_VIRTUAL_PATH" && unset _OLD_VIRTUAL_PATH; rehash; test $?_OLD_VIRTUAL_PROMPT != 0 && set prompt="$_OLD_VIRTUAL_PROMPT" && unset _OLD_VIRTUAL_PROMPT; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; test "\\!:*" != "nondestructive" && unalias deactivate'

deactivate nondestructive

setenv VIRTUAL_ENV ${csh(c.root)}

set _OLD_VIRTUAL_PATH="$PATH"
setenv PATH "$VIRTUAL_ENV/${c.binName}:$PATH"
setenv VIRTUAL_ENV_PROMPT ${csh(`(${c.prompt}) `)}

# non-interactive shells have no prompt variable
if ( $?prompt ) then
    set _OLD_VIRTUAL_PROMPT="$prompt"
    if (! "$?VIRTUAL_ENV_DISABLE_PROMPT") then
        set prompt = "$VIRTUAL_ENV_PROMPT$prompt"
    endif
endif

rehash
`;
}

function powershell(c: ActivationContext): string {
  return `# Activates this virtual environment; use ". ${c.binName}/Activate.ps1" from PowerShell.
# Written by pipgrub.

function global:deactivate ([switch]$NonDestructive) {
    if (Test-Path -Path Function:_OLD_VIRTUAL_PROMPT) {
        Copy-Item -Path Function:_OLD_VIRTUAL_PROMPT -Destination Function:prompt
        Remove-Item -Path Function:_OLD_VIRTUAL_PROMPT
    }
    if (Test-Path -Path Env:_OLD_VIRTUAL_PYTHONHOME) {
        Copy-Item -Path Env:_OLD_VIRTUAL_PYTHONHOME -Destination Env:PYTHONHOME
        Remove-Item -Path Env:_OLD_VIRTUAL_PYTHONHOME
    }
    if (Test-Path -Path Env:_OLD_VIRTUAL_PATH) {
        Copy-Item -Path Env:_OLD_VIRTUAL_PATH -Destination Env:PATH
        Remove-Item -Path Env:_OLD_VIRTUAL_PATH
    }
    if (Test-Path -Path Env:VIRTUAL_ENV) { Remove-Item -Path Env:VIRTUAL_ENV }
    if (Test-Path -Path Env:VIRTUAL_ENV_PROMPT) { Remove-Item -Path Env:VIRTUAL_ENV_PROMPT }
    if (-not $NonDestructive) { Remove-Item -Path Function:deactivate }
}

deactivate -NonDestructive

$env:VIRTUAL_ENV = ${ps(c.root)}
$env:VIRTUAL_ENV_PROMPT = ${ps(`(${c.prompt}) `)}

if (-not $env:VIRTUAL_ENV_DISABLE_PROMPT) {
    function global:_OLD_VIRTUAL_PROMPT { "" }
    Copy-Item -Path Function:prompt -Destination Function:_OLD_VIRTUAL_PROMPT
    function global:prompt {
        Write-Host -NoNewline -ForegroundColor Green $env:VIRTUAL_ENV_PROMPT
        _OLD_VIRTUAL_PROMPT
    }
}

if (Test-Path -Path Env:PYTHONHOME) {
    Copy-Item -Path Env:PYTHONHOME -Destination Env:_OLD_VIRTUAL_PYTHONHOME
    Remove-Item -Path Env:PYTHONHOME
}

Copy-Item -Path Env:PATH -Destination Env:_OLD_VIRTUAL_PATH
$env:PATH = (Join-Path $env:VIRTUAL_ENV ${ps(c.binName)}) + [System.IO.Path]::PathSeparator + $env:PATH
`;
}

function nushell(c: ActivationContext): string {
  return `# Activates this virtual environment; use "overlay use ${c.binName}/activate.nu" from nushell,
# and "deactivate" to leave it. Written by pipgrub.

export-env {
    let venv = ${nu(c.root)}
    let bin = ($venv | path join ${nu(c.binName)})
    let path_name = if ('Path' in $env) { 'Path' } else { 'PATH' }
    let current = ($env | get $path_name)
    let parts = if (($current | describe) == 'string') { $current | split row (char esep) } else { $current }
    load-env {
        VIRTUAL_ENV: $venv
        VIRTUAL_ENV_PROMPT: ${nu(`(${c.prompt}) `)}
        $path_name: ($parts | prepend $bin)
    }
}

export alias pydoc = python -m pydoc
export alias deactivate = overlay hide activate
`;
}

/**
 * The activation scripts for an environment, as file name -> content.
 * @example activationScripts({ root: '/p/.venv', binName: 'bin', prompt: 'p' })['activate']
 */
export function activationScripts(c: ActivationContext): Record<string, string> {
  return {
    activate: bash(c),
    'activate.fish': fishScript(c),
    'activate.csh': cshScript(c),
    'Activate.ps1': powershell(c),
    'activate.nu': nushell(c),
  };
}
