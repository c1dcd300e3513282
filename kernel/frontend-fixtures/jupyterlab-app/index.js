// The JupyterLab front end of the browser tests: the stock application and the extensions a reader
// of the chapter uses, put together as JupyterLab's own "app" example does, plus Jupyter widgets
// (@jupyter-widgets/jupyterlab-manager: the widget manager, its renderer of widget-view outputs, and
// the base, controls and output widget plugins), as a reader's JupyterLab 4 has them.
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets load from where the server serves this bundle (LabServerApp's static URL).
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

import './build/style.js';

// Plugins left out: the announcements pop-up covers the notebook on first start;
const LEFT_OUT = new Set([
  '@jupyterlab/apputils-extension:announcements',
  // the language-server ones need a connection manager that neither this app nor the server has.
  '@jupyterlab/fileeditor-extension:language-server',
  '@jupyterlab/notebook-extension:language-server'
]);

window.addEventListener('load', async () => {
  const { JupyterLab } = await import('@jupyterlab/application');
  const modules = [
    require('@jupyter-widgets/jupyterlab-manager'),
    require('@jupyterlab/application-extension'),
    require('@jupyterlab/apputils-extension'),
    require('@jupyterlab/codemirror-extension'),
    require('@jupyterlab/completer-extension'),
    require('@jupyterlab/console-extension'),
    require('@jupyterlab/docmanager-extension'),
    require('@jupyterlab/documentsearch-extension'),
    require('@jupyterlab/filebrowser-extension'),
    require('@jupyterlab/fileeditor-extension'),
    require('@jupyterlab/help-extension'),
    require('@jupyterlab/launcher-extension'),
    require('@jupyterlab/mainmenu-extension'),
    require('@jupyterlab/markedparser-extension'),
    require('@jupyterlab/mathjax-extension'),
    require('@jupyterlab/metadataform-extension'),
    require('@jupyterlab/notebook-extension'),
    require('@jupyterlab/rendermime-extension'),
    require('@jupyterlab/running-extension'),
    require('@jupyterlab/shortcuts-extension'),
    require('@jupyterlab/statusbar-extension'),
    require('@jupyterlab/theme-light-extension'),
    require('@jupyterlab/toc-extension'),
    require('@jupyterlab/tooltip-extension'),
    require('@jupyterlab/translation-extension'),
    require('@jupyterlab/ui-components-extension')
  ];
  const plugins = modules
    .flatMap(module => {
      const exported = module.default || module;
      return Array.isArray(exported) ? exported : [exported];
    })
    .filter(plugin => !LEFT_OUT.has(plugin.id));
  const lab = new JupyterLab();
  lab.registerPlugins(plugins);
  await lab.start();
  await lab.restored;
  // The tests wait for this before they drive the page.
  window.jupyterapp = lab;
});
