import { contextBridge, ipcRenderer } from 'electron';
import { bindContract } from '../../shared/api/binding';
import { ipcChannel } from '../../shared/api/contract';

// Exactly the contract, nothing else: no ipcRenderer, no generic invoke, no Node.
contextBridge.exposeInMainWorld(
  'chamber',
  bindContract((name, input) => ipcRenderer.invoke(ipcChannel(name), input)),
);
